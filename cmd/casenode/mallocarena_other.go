//go:build !(linux && cgo)

package main

// oneMallocArena does nothing where glibc's arenas are not in use (see
// mallocarena_linux.go).
func oneMallocArena() {}
