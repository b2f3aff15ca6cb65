module example.com/monorepo/libs/util

go 1.21
