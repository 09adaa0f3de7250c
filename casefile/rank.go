package casefile

// Ranked is one item an align ranker placed, with its score (0..1, on the
// crosswalk's calibrated scale: DefaultMinScore is the threshold).
type Ranked struct {
	Identifier string
	Score      float64
}

// DocFreq reports how many items of a collection hold term (as analysed
// for the index) and how many items the collection has.
type DocFreq func(term string) (holding, total int)
