package period

import (
	"errors"
	"testing"
	"time"
)

func day(s string) *time.Time {
	t, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestHolds(t *testing.T) {
	tests := []struct {
		name     string
		from, to *time.Time
		at       string
		want     bool
	}{
		{"open both ends", nil, nil, "2016-01-01", true},
		{"on start day", day("2016-01-01"), nil, "2016-01-01", true},
		{"day before start", day("2016-01-01"), nil, "2015-12-31", false},
		{"last day before end", day("2016-01-01"), day("2017-07-01"), "2017-06-30", true},
		{"end day is excluded", day("2016-01-01"), day("2017-07-01"), "2017-07-01", false},
		{"open start, before end", nil, day("2017-07-01"), "1990-05-05", true},
		{"time of day ignored", day("2016-01-01"), nil, "2016-01-01", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := *day(tt.at)
			if tt.name == "time of day ignored" {
				at = at.Add(23 * time.Hour)
			}
			if got := Holds(tt.from, tt.to, at); got != tt.want {
				t.Fatalf("Holds(%v, %v, %s) = %v, want %v", tt.from, tt.to, tt.at, got, tt.want)
			}
			if got := HoldsDay(tt.from, tt.to, Day(at)); got != tt.want {
				t.Fatalf("HoldsDay(%v, %v, %s) = %v, want %v", tt.from, tt.to, tt.at, got, tt.want)
			}
		})
	}
}

func TestCheckOrder(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"2016-01-01", "2016-01-02", true},
		{"2016-01-01", "2016-01-01", false},
		{"2017-01-01", "2016-01-01", false},
	}
	for _, tt := range tests {
		err := CheckOrder(*day(tt.from), *day(tt.to))
		var oe *OrderError
		if tt.ok != (err == nil) || (!tt.ok && !errors.As(err, &oe)) {
			t.Errorf("CheckOrder(%s, %s) = %v, want ok=%v", tt.from, tt.to, err, tt.ok)
		}
	}
}

func TestParseDayRejectsOtherLayouts(t *testing.T) {
	for _, s := range []string{"01/02/2016", "2016-13-01", "", "2016-1-1"} {
		if _, err := ParseDay(s); err == nil {
			t.Errorf("ParseDay(%q) accepted", s)
		}
	}
}
