// Package viz draws the cross-Channel border system: a scene built from
// immutable simulation snapshots (sim.Snapshot), independent of how it is
// shown, and two backends that draw the same scene.
//
// The scene (Builder.Build) is a list of layers of simple primitives in
// screen pixels (origin top left, y down): filled polygons, stroked
// polylines, rectangles, agent markers and text. It holds three linked map
// views at once: Calais–Coquelles in detail (the main view), the UK side
// from Dover and Folkestone to London, the removal centres and the airports
// (the inset), and the coast from Boulogne to Dunkirk with the rest areas on
// the A26 further out (the coast inset, in a corner of the main view), a
// heads-up display with small charts of recent days, a legend and a help
// overlay. Runs with the small boats (Frame.Boats) add a fourth view, the
// Dover Strait from Dunkirk to the Baie de Somme (the Strait inset, in
// another corner of the main view: strait.go), with the boats at sea, the
// people on the beaches, the beach patrols and the sea of the day, and the
// HUD's figures by route; runs without them are drawn exactly as before. Layers marked Static (sea, land, coast, rivers, roads)
// change only when a view is zoomed or panned, so backends may cache them.
//
// Backends:
//   - ImageRenderer draws a scene into an image.RGBA in pure Go (no cgo),
//     for PNG frames, animated GIFs and tests (channelsim render).
//   - PixelRenderer (build tag viz, cgo) draws it in a github.com/gopxl/pixel
//     window: the static layers are rasterised once by the image backend
//     and drawn as one textured quad, the dynamic ones as one batch of
//     triangles per frame (see docs/performance-viz.md).
//
// Agent kinds are drawn through a table of styles (Styles): a kind the table
// does not know is drawn as a plain grey dot, so new submodels show up
// without changes here. Nothing in this package changes the model: the
// viewer's driver (Driver) runs it on its own goroutine to the instant the
// window asks for (Advance), applies policy changes between events (Do)
// and hands snapshots over, so a run watched in the viewer without live
// policy changes is the headless run with the same seed.
package viz
