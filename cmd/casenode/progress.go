package main

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"
)

// progressMin is the input size from which a progress bar is drawn.
const progressMin = 1 << 20

// progress draws a one-line progress bar on w while a large input is read.
type progress struct {
	w     io.Writer
	name  string
	total int64
	read  atomic.Int64
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, name string, total int64) *progress {
	return &progress{w: w, name: name, total: total}
}

// reader wraps r so that reading from it advances the bar.
func (p *progress) reader(r io.Reader) io.Reader { return &progressReader{r: r, p: p} }

type progressReader struct {
	r io.Reader
	p *progress
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.add(int64(n))
	return n, err
}

func (p *progress) add(n int64) {
	read := p.read.Add(n)
	if p.total > 0 && p.total < progressMin {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 150*time.Millisecond {
		p.last = now
		p.draw(read)
	}
}

func (p *progress) draw(read int64) {
	const width = 30
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\r%s  %s read", p.name, mb(read))
	} else {
		frac := min(float64(read)/float64(p.total), 1)
		done := int(frac * width)
		bar := strings.Repeat("#", done) + strings.Repeat(".", width-done)
		fmt.Fprintf(p.w, "\r%s  [%s] %3.0f%%  %s / %s", p.name, bar, frac*100, mb(read), mb(p.total))
	}
	p.drawn = true
}

// done draws the final state and ends the line.
func (p *progress) done() {
	if !p.drawn {
		return
	}
	p.draw(p.read.Load())
	fmt.Fprintln(p.w)
}
