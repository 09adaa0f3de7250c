package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// plural writes a count with its noun: "1 item", "2 items", "1 framework".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// printWarnings summarises normalisations: identical messages are counted
// once (with the first path they occurred at), most frequent first, so a
// file with thousands of the same quirk prints a few lines.
func printWarnings(w io.Writer, ws []casefile.Warning) {
	if len(ws) == 0 {
		return
	}
	type kind struct {
		msg, first string
		n          int
	}
	var kinds []*kind
	byMsg := map[string]*kind{}
	for _, x := range ws {
		k := byMsg[x.Message]
		if k == nil {
			k = &kind{msg: x.Message, first: x.Path}
			byMsg[x.Message] = k
			kinds = append(kinds, k)
		}
		k.n++
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].n > kinds[j].n })
	fmt.Fprintf(w, "  %s (normalisations applied):\n", plural(len(ws), "warning"))
	const shown = 15
	for i, k := range kinds {
		if i == shown {
			fmt.Fprintf(w, "    … and %s more\n", plural(len(kinds)-shown, "kind"))
			break
		}
		if k.n == 1 {
			fmt.Fprintf(w, "    %s: %s\n", k.first, k.msg)
		} else {
			fmt.Fprintf(w, "    %s (%d times, first at %s)\n", k.msg, k.n, k.first)
		}
	}
}

// rejection is the line saying an input was rejected, naming it once.
func rejection(src, msg string) string {
	if strings.Contains(msg, src) {
		return "rejected: " + msg
	}
	return "rejected " + src + ": " + msg
}
