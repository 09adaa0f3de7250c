package casefile

import "encoding/json"

// The values handed to these scanners were already checked by
// encoding/json (they come out of json.Decoder), so the scanners only split
// them; they still bound every index so that no input can make them panic.

// splitObject splits a JSON object into its members without decoding the
// values. ok is false when raw is not an object.
func splitObject(raw []byte) (map[string]json.RawMessage, bool) {
	return splitObjectInto(raw, make(map[string]json.RawMessage, 8))
}

// splitObjectInto is splitObject filling the given (empty) map.
func splitObjectInto(raw []byte, m map[string]json.RawMessage) (map[string]json.RawMessage, bool) {
	if !EachMember(raw, func(key, value []byte) bool {
		m[unquote(key)] = value
		return true
	}) {
		return nil, false
	}
	return m, true
}

// splitArray splits a JSON array into its elements. ok is false when raw is
// not an array.
func splitArray(raw []byte) ([]json.RawMessage, bool) {
	var out []json.RawMessage
	if !EachElement(raw, func(v []byte) bool {
		out = append(out, v)
		return true
	}) {
		return nil, false
	}
	return out, true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] ('"'), or -1.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index after the value starting at b[i], or -1.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipString(b, j)
				if j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\r' && b[j] != '\t' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
