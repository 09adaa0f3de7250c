package crosswalk

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Ratio is a count of hits out of a number of cases.
type Ratio struct{ Hit, Of int }

// Rate is Hit/Of (0 when there are no cases).
func (r Ratio) Rate() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.Hit) / float64(r.Of)
}

func (r Ratio) String() string {
	if r.Of == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %3.0f%%", r.Hit, r.Of, 100*r.Rate())
}

func (r *Ratio) add(hit bool) {
	r.Of++
	if hit {
		r.Hit++
	}
}

// SetFigures are one set's figures on one split.
type SetFigures struct {
	Set                          string
	AlikeTop1, AlikeTop3         Ratio
	DifferentTop1, DifferentTop3 Ratio
	// Recall: gold pairs with an accepted target shown at the threshold.
	Recall Ratio
	// Precision: shown suggestions of gold pairs' sources that are accepted targets.
	Precision Ratio
	// FalseNoMatch: no-match items given any suggestion at the threshold.
	FalseNoMatch Ratio
	// Linked: gold sources with explicit or through-third matches (the engine
	// does not suggest for them).
	Linked int
}

// Figures summarise one split.
type Figures struct {
	Split                    string
	Sets                     []SetFigures
	PassageTop3, PassageTop5 Ratio
	AlignP50                 time.Duration
}

// Set returns the figures of the set named name (zero figures if absent).
func (f Figures) Set(name string) SetFigures {
	for _, s := range f.Sets {
		if s.Set == name {
			return s
		}
	}
	return SetFigures{Set: name}
}

func inSplit(entry, split string) bool { return split == SplitAll || entry == split }

// Figures computes the figures of split (dev, heldout or all).
func (r *EvalReport) Figures(split string) Figures {
	f := Figures{Split: split}
	for _, set := range r.Sets {
		sf := SetFigures{Set: set}
		for _, p := range r.Pairs {
			if p.Set == set && inSplit(p.Split, split) {
				sf.add(p)
			}
		}
		f.Sets = append(f.Sets, sf)
	}
	var took []time.Duration
	for _, p := range r.Passages {
		if inSplit(p.Split, split) {
			f.PassageTop3.add(p.Rank >= 1 && p.Rank <= 3)
			f.PassageTop5.add(p.Rank >= 1)
			took = append(took, p.Took)
		}
	}
	if len(took) > 0 {
		slices.Sort(took)
		f.AlignP50 = took[len(took)/2]
	}
	return f
}

func (sf *SetFigures) add(p PairResult) {
	if p.Linked {
		sf.Linked++
	}
	if p.NoMatch {
		sf.FalseNoMatch.add(p.ShownAll > 0)
		return
	}
	top1, top3 := &sf.DifferentTop1, &sf.DifferentTop3
	if p.Wording == WordingAlike {
		top1, top3 = &sf.AlikeTop1, &sf.AlikeTop3
	}
	top1.add(p.Rank == 1)
	top3.add(p.Rank >= 1 && p.Rank <= 3)
	sf.Recall.add(p.Shown)
	sf.Precision.Hit += p.ShownRight
	sf.Precision.Of += p.ShownAll
}

// WriteTable prints the figures of the splits side by side, then the timings.
func (r *EvalReport) WriteTable(w io.Writer, splits []string) error {
	figs := make([]Figures, len(splits))
	for i, s := range splits {
		figs[i] = r.Figures(s)
	}
	if l := r.Learned; l != nil {
		fmt.Fprintf(w, "After accepting %d gold pairs and rejecting %d wrong suggestions of the %s split (leave-half-out: read the other split)\n",
			l.Accepted, l.Rejected, l.Split)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(label string, cell func(Figures) string) {
		cells := []string{label}
		for _, f := range figs {
			cells = append(cells, cell(f))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	fmt.Fprintf(tw, "Crosswalk suggestions (top %d per item; shown = score >= %.2f)\t%s\t\n", DefaultSuggestions, r.Threshold, strings.Join(splits, "\t"))
	for i, set := range r.Sets {
		sf := func(f Figures) SetFigures { return f.Sets[i] }
		fmt.Fprintf(tw, "%s\t\n", set)
		line("  alike top-1", func(f Figures) string { return sf(f).AlikeTop1.String() })
		line("  alike top-3", func(f Figures) string { return sf(f).AlikeTop3.String() })
		line("  different top-1", func(f Figures) string { return sf(f).DifferentTop1.String() })
		line("  different top-3", func(f Figures) string { return sf(f).DifferentTop3.String() })
		line("  recall at threshold", func(f Figures) string { return sf(f).Recall.String() })
		line("  precision at threshold", func(f Figures) string { return sf(f).Precision.String() })
		line("  no-match items given a suggestion", func(f Figures) string { return sf(f).FalseNoMatch.String() })
		line("  gold sources with explicit links", func(f Figures) string { return fmt.Sprint(sf(f).Linked) })
	}
	fmt.Fprintf(tw, "passages (align, top %d)\t\n", passageDepth)
	line("  top-3", func(f Figures) string { return f.PassageTop3.String() })
	line("  top-5", func(f Figures) string { return f.PassageTop5.String() })
	line("  align p50", func(f Figures) string { return f.AlignP50.Round(10 * time.Microsecond).String() })
	fmt.Fprintln(tw, "full crosswalk with suggestions\t")
	for _, t := range r.Timings {
		fmt.Fprintf(tw, "  %s\t%d rows in %v wall, %v CPU\t\n", t.Set, t.Rows, t.Wall.Round(time.Millisecond), t.CPU.Round(time.Millisecond))
	}
	return tw.Flush()
}

// WriteMisses lists the entries of split the engine got wrong: pairs whose
// accepted target is not first or that are shown a wrong suggestion,
// no-match items given a suggestion, and passages whose target is not in
// the top 3.
func (r *EvalReport) WriteMisses(w io.Writer, split string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range r.Pairs {
		wrongShown := p.ShownAll - p.ShownRight
		if !inSplit(p.Split, split) || wrongShown == 0 && (p.NoMatch || p.Rank == 1) {
			continue
		}
		what := fmt.Sprintf("%s rank %d, %d wrong shown", p.Wording, p.Rank, wrongShown)
		if p.NoMatch {
			what = "no-match suggested"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", p.Set, p.SourceCode, what, scoredList(p.Suggested))
	}
	for i, p := range r.Passages {
		if inSplit(p.Split, split) && (p.Rank == 0 || p.Rank > 3) {
			fmt.Fprintf(tw, "passage %d\t%s\trank %d\t%s\t\n", i, p.Note, p.Rank, scoredList(p.Hits))
		}
	}
	return tw.Flush()
}

func scoredList(ss []Scored) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = fmt.Sprintf("%s %.2f", s.Code, s.Score)
	}
	return strings.Join(parts, ", ")
}
