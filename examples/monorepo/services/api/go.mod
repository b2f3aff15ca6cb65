module example.com/monorepo/services/api

go 1.22.0

require example.com/monorepo/libs/util v0.0.0

replace example.com/monorepo/libs/util => ../../libs/util
