package graphql

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"
)

// pageInfo is the PageInfo of a connection.
type pageInfo struct {
	HasNextPage bool
	EndCursor   *string
}

// cursor encodes an offset as an opaque cursor.
func cursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

// page returns the [start, end) bounds of one page of n elements after the
// cursor; first must be within 1..maxSize.
func page(n int, first int32, after *string, maxSize int) (start, end int, info pageInfo, err error) {
	start, size, err := window(first, after, maxSize)
	if err != nil {
		return 0, 0, info, err
	}
	start, end, info = bounds(n, start, size)
	return start, end, info, nil
}

// window reads a page request: the offset after the cursor and the page
// size; first must be within 1..maxSize.
func window(first int32, after *string, maxSize int) (start, size int, err error) {
	size = int(first)
	if size < 1 || size > maxSize {
		return 0, 0, invalidf("first must be between 1 and %d", maxSize)
	}
	if after != nil && *after != "" {
		b, derr := base64.RawURLEncoding.DecodeString(*after)
		o, cerr := strconv.Atoi(strings.TrimPrefix(string(b), "o:"))
		if derr != nil || cerr != nil || !strings.HasPrefix(string(b), "o:") || o < 0 || o == math.MaxInt {
			return 0, 0, invalidf("after is not a cursor of this list")
		}
		start = o + 1
	}
	return start, size, nil
}

// bounds clips the window [start, start+size) to n elements and describes
// the page.
func bounds(n, start, size int) (int, int, pageInfo) {
	var info pageInfo
	start = min(start, n)
	end := min(start+size, n)
	info.HasNextPage = end < n
	if end > start {
		c := cursor(end - 1)
		info.EndCursor = &c
	}
	return start, end, info
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
