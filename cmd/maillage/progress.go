package main

import (
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressBar draws an import's progress (count, rate, ETA) on a
// terminal, and nothing in a pipe or CI log.
type progressBar struct {
	tty  bool
	step string
	bar  *progressbar.ProgressBar
}

func newProgressBar() *progressBar {
	return &progressBar{tty: term.IsTerminal(int(os.Stderr.Fd()))}
}

// show is an importer.Progress.
func (p *progressBar) show(step string, done, total int) {
	if !p.tty {
		return
	}
	if p.bar == nil || step != p.step {
		p.finish()
		p.step = step
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription(step),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	_ = p.bar.Set(done)
}

func (p *progressBar) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}

// bytes returns the progress of one download, in bytes (total -1:
// unknown).
func (p *progressBar) bytes(name string) func(done, total int64) {
	return func(done, total int64) {
		if !p.tty {
			return
		}
		step := "download " + name
		if p.bar == nil || p.step != step {
			p.finish()
			p.step = step
			p.bar = progressbar.NewOptions64(total,
				progressbar.OptionSetWriter(os.Stderr),
				progressbar.OptionSetDescription(name),
				progressbar.OptionShowBytes(true),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100_000_000),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = p.bar.Set64(done)
	}
}
