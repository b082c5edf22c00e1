//go:build !viz

// Command channelsim-view is the desktop viewer. It needs cgo, OpenGL and
// the viz build tag; built without the tag, this is all there is of it,
// and it says how to build it.
package main

import (
	"fmt"
	"os"
)

// message is what the viewer built without the viz tag prints.
const message = "channelsim-view needs the viz build tag (and cgo with OpenGL): go run -tags viz ./cmd/channelsim-view, or make view; without a display, channelsim render draws the same scene"

func main() {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(2)
}
