package casefile

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Walking JSON that is known to be well formed (written by this program, or
// already checked by encoding/json) without decoding it into a map or
// through reflection. The walkers bound every index, so no input makes them
// panic; malformed input gives ok false.

// EachMember calls fn with the key (its string literal, quotes included,
// escapes not decoded) and the raw value of each member of the JSON object raw, in
// order, until fn returns false. ok is false when raw is not one object or
// fn stopped the walk.
func EachMember(raw []byte, fn func(key, value []byte) bool) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return skipSpace(raw, i+1) == len(raw)
	}
	for i < len(raw) {
		if raw[i] != '"' {
			return false
		}
		end := skipString(raw, i)
		if end < 0 {
			return false
		}
		key := raw[i:end:end]
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		i = skipSpace(raw, i+1)
		vend := skipValue(raw, i)
		if vend < 0 || !fn(key, raw[i:vend:vend]) {
			return false
		}
		i = skipSpace(raw, vend)
		if i >= len(raw) {
			return false
		}
		if raw[i] == '}' {
			return skipSpace(raw, i+1) == len(raw)
		}
		if raw[i] != ',' {
			return false
		}
		i = skipSpace(raw, i+1)
	}
	return false
}

// EachElement calls fn with each element of the JSON array raw, in order,
// until fn returns false. ok is false when raw is not one array or fn
// stopped the walk.
func EachElement(raw []byte, fn func(value []byte) bool) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return skipSpace(raw, i+1) == len(raw)
	}
	for i < len(raw) {
		end := skipValue(raw, i)
		if end < 0 || !fn(raw[i:end:end]) {
			return false
		}
		i = skipSpace(raw, end)
		if i >= len(raw) {
			return false
		}
		if raw[i] == ']' {
			return skipSpace(raw, i+1) == len(raw)
		}
		if raw[i] != ',' {
			return false
		}
		i = skipSpace(raw, i+1)
	}
	return false
}

// JSONString decodes the JSON string literal raw exactly as encoding/json
// does. ok is false when raw is not one valid string literal.
func JSONString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || skipString(raw, 0) != len(raw) {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	for _, c := range in {
		if c < 0x20 { // JSON has no raw control characters in strings
			return "", false
		}
	}
	if bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
		return string(in), true
	}
	if s, ok := unescape(in); ok {
		return s, true
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}
