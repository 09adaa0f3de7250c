//go:build linux && cgo

package main

/*
#include <malloc.h>

static void casenode_one_malloc_arena(void) {
#ifdef M_ARENA_MAX
	mallopt(M_ARENA_MAX, 1);
#endif
}
*/
import "C"

// oneMallocArena makes the C allocations of this process (SQLite's) share
// one glibc arena. An import's writes run on whichever OS thread the
// goroutine resumes on after waiting for encoded rows (store/pipeline.go);
// glibc gives each thread that allocates its own arena, and each arena keeps
// what SQLite freed in it: at 100k items that was 8-13 MB more peak RSS
// (MALLOC_ARENA_MAX=1: none). Only `casenode import` sets it; a serving node,
// whose readers allocate on many threads at once, keeps glibc's default.
// Without glibc (M_ARENA_MAX undefined) it does nothing.
func oneMallocArena() { C.casenode_one_malloc_arena() }
