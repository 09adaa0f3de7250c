package crosswalk

import "github.com/casenode/casenode/casefile"

// coverage counts source items by the best kind of match they have;
// headings are left out unless withHeadings.
func coverage(rows []casefile.CrosswalkRow, withHeadings bool) casefile.Coverage {
	var cv casefile.Coverage
	for _, r := range rows {
		if r.Heading && !withHeadings {
			cv.Headings++
			continue
		}
		cv.Items++
		best := 3
		for _, m := range r.Matches {
			best = min(best, kindRank(m.Kind))
		}
		switch best {
		case 0:
			cv.Explicit++
		case 1:
			cv.Transitive++
		case 2:
			cv.SuggestedOnly++
		default:
			cv.None++
		}
	}
	if cv.Items > 0 {
		n := float64(cv.Items)
		cv.ExplicitShare = round(float64(cv.Explicit) / n)
		cv.TransitiveShare = round(float64(cv.Transitive) / n)
		cv.SuggestedShare = round(float64(cv.SuggestedOnly) / n)
		cv.NoneShare = round(float64(cv.None) / n)
	}
	return cv
}
