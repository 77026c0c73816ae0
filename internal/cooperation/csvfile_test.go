package cooperation

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// validCSV states, row by row, what validFile (YAML) states.
const validCSV = `type;record;parent;kind;name;finess;role;sites;valid_from;time_share;source
source;s1;;PRESS;Un article;;;;;;
grouping;X-GCS;;GCS;Un GCS;;;;2016-07-01;;s1
member;X-GCS;;;;420784878;SUPPORT;;;;
member;X-GCS;;;;420013831;MEMBER;;2017-01-01;;
convention;X-CONV;;CONVENTION;Une convention;;;;;;s1
party;X-CONV;;;;420784878;;;;;
team;Équipe;X-CONV;;;;;;;;
team_site;Équipe;;;;420782559;;;;0,5;
`

func TestParseCSVMatchesYAML(t *testing.T) {
	fromCSV, err := Parse("ok.csv", []byte(validCSV))
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := Parse("ok.yaml", []byte(validFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*File{fromCSV, fromYAML} {
		f.name, f.ast, f.lines = "", nil, nil
	}
	if !reflect.DeepEqual(fromCSV, fromYAML) {
		t.Errorf("CSV and YAML differ:\n%s\n%s", dump(fromCSV), dump(fromYAML))
	}
}

func dump(f *File) string { return fmt.Sprintf("%+v", *f) }

// TestParseCSVLocatesErrors: each mistake is reported at its CSV line.
func TestParseCSVLocatesErrors(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"bad Luhn key", "420013831;MEMBER", "420013832;MEMBER", []string{"f.csv:5:", "$.groupings[0].members[1].finess"}},
		{"unknown role", "420784878;SUPPORT", "420784878;CHEF", []string{"f.csv:4:", "members[0].role", `"CHEF"`}},
		{"member of no grouping", "member;X-GCS;;;;420784878", "member;Y-GCS;;;;420784878", []string{"f.csv:4:", "no grouping \"Y-GCS\""}},
		{"unknown type", "party;X-CONV", "partie;X-CONV", []string{"f.csv:7:", "unknown type"}},
		{"time share", "0,5;", "deux;", []string{"f.csv:9:", "time_share"}},
		{"unknown column", "type;record;", "type;recrod;", []string{"f.csv:1:", "recrod"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(validCSV, tt.from, tt.to, 1)
			if bad == validCSV {
				t.Fatalf("%q not found", tt.from)
			}
			_, err := Parse("f.csv", []byte(bad))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
