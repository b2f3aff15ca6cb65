// Package util holds helpers shared by the monorepo's services.
package util

import "runtime"

// Greeting names the service and the Go release it runs on.
func Greeting(service string) string {
	return "hello from " + service + " on " + runtime.Version()
}
