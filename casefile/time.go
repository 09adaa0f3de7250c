package casefile

import (
	"strings"
	"time"
)

// layouts accepted by NormalizeTime, tried in order. Values without a zone are
// taken as UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// NormalizeTime parses a date-time in any of the shapes real CASE data uses
// (+00:00, -04:00, Z with milliseconds, no zone, date only) and returns it as
// RFC 3339 in UTC, fractional seconds kept only when not zero. ok is false
// when s cannot be parsed.
func NormalizeTime(s string) (string, bool) {
	t, ok := parseTime(s)
	if !ok {
		return "", false
	}
	return t.UTC().Format(time.RFC3339Nano), true
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// normalizeDate returns s as YYYY-MM-DD (a date-time keeps its own calendar
// date); ok is false when s is not a date.
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2006-01-02"), true
	}
	t, ok := parseTime(s)
	if !ok {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// isRFC3339 reports whether s is already a valid RFC 3339 date-time.
func isRFC3339(s string) bool {
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

// isDate reports whether s is a valid YYYY-MM-DD date.
func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil && len(s) == 10
}

// timeChangeKind names how NormalizeTime changed s, for warnings.
func timeChangeKind(s string) string {
	switch {
	case len(s) == 10:
		return "date-only lastChangeDateTime read as midnight UTC"
	case !hasZone(s):
		return "date-time without a time zone read as UTC"
	}
	return "date-time converted to RFC 3339 UTC"
}

// hasZone reports whether a date-time string ends with Z or a ±hh:mm offset.
func hasZone(s string) bool {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return true
	}
	if len(s) < 6 {
		return false
	}
	tail := s[len(s)-6:]
	if (tail[0] == '+' || tail[0] == '-') && tail[3] == ':' {
		return true
	}
	tail = s[len(s)-5:]
	return (tail[0] == '+' || tail[0] == '-') && strings.IndexByte(s, 'T') >= 0 && strings.Count(s[strings.IndexByte(s, 'T'):], "-")+strings.Count(s[strings.IndexByte(s, 'T'):], "+") == 1
}

// utcNotation reports whether s already names a UTC instant (Z, +00:00),
// so that normalising it changes only its notation, not its meaning.
func utcNotation(s string) bool {
	if !hasZone(s) {
		return false
	}
	t, ok := parseTime(s)
	if !ok {
		return false
	}
	_, off := t.Zone()
	return off == 0
}
