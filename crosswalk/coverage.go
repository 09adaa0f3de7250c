package crosswalk

import "github.com/casenode/casenode/casefile"

// coverage counts source items by the best kind of match they have.
func coverage(rows []casefile.CrosswalkRow) casefile.Coverage {
	cv := casefile.Coverage{Items: len(rows)}
	for _, r := range rows {
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
