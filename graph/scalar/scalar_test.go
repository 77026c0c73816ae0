package scalar

import (
	"bytes"
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	tests := []struct {
		in      any
		want    string
		wantErr bool
	}{
		{"2016-01-01", `"2016-01-01"`, false},
		{"2017-07-01", `"2017-07-01"`, false},
		{"01/07/2017", "", true},
		{20170701, "", true},
	}
	for _, tt := range tests {
		got, err := UnmarshalDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Fatalf("UnmarshalDate(%v) error = %v, wantErr %v", tt.in, err, tt.wantErr)
		}
		if err != nil {
			continue
		}
		var buf bytes.Buffer
		MarshalDate(got).MarshalGQL(&buf)
		if buf.String() != tt.want {
			t.Errorf("round trip of %v = %s, want %s", tt.in, buf.String(), tt.want)
		}
	}
	var buf bytes.Buffer
	MarshalDate(time.Date(2016, 1, 1, 23, 0, 0, 0, time.UTC)).MarshalGQL(&buf)
	if buf.String() != `"2016-01-01"` {
		t.Errorf("time of day leaked: %s", buf.String())
	}
}

func TestUnmarshalID(t *testing.T) {
	tests := []struct {
		in      any
		want    int
		wantErr bool
	}{
		{"8589934593", 8589934593, false},
		{"abc", 0, true},
		{"", 0, true},
		{"-5", 0, true},
		{3.5, 0, true},
	}
	for _, tt := range tests {
		got, err := UnmarshalID(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("UnmarshalID(%v) = %d, %v; want %d, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
