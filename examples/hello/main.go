// Command hello prints the Go release it was built with.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Printf("hello from %s\n", runtime.Version())
}
