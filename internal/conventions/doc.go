// Package conventions holds the repository's own rules, checked by its
// tests over every Go file of the module: for now, that no function is
// longer than MaxFuncLines (issue 25).
package conventions

// MaxFuncLines is the most lines a function may span, from its func
// keyword to its closing brace, outside tests.
const MaxFuncLines = 120
