// Command api prints a greeting built by the util library.
package main

import (
	"fmt"

	"example.com/monorepo/libs/util"
)

func main() {
	fmt.Println(util.Greeting("api"))
}
