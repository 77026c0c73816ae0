package cooperation

import (
	"os"
	"strings"
	"testing"
)

const validFile = `sources:
  - key: s1
    kind: PRESS
    title: Un article
groupings:
  - code: X-GCS
    kind: GCS
    name: Un GCS
    source: s1
    validFrom: "2016-07-01"
    members:
      - {finess: "420784878", role: SUPPORT}
      - {finess: "420013831", role: MEMBER, validFrom: "2017-01-01"}
conventions:
  - code: X-CONV
    kind: CONVENTION
    title: Une convention
    source: s1
    parties:
      - finess: "420784878"
    teams:
      - name: Équipe
        sites:
          - {finess: "420782559", timeShare: 0.5}
`

func TestParseAcceptsAValidFile(t *testing.T) {
	f, err := Parse("ok.yaml", []byte(validFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Groupings) != 1 || len(f.Groupings[0].Members) != 2 || len(f.Conventions) != 1 {
		t.Errorf("parsed %+v", f)
	}
}

func TestParseAcceptsTheShippedFile(t *testing.T) {
	content, err := os.ReadFile("../../data/cooperation/cooperations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("cooperations.yaml", content); err != nil {
		t.Fatal(err)
	}
}

// TestParseLocatesErrors checks that each mistake is reported with the
// file, the line and the field, and what is wrong.
func TestParseLocatesErrors(t *testing.T) {
	tests := []struct {
		name    string
		replace [2]string // applied to validFile
		want    []string
	}{
		{"bad Luhn key", [2]string{`"420013831", role: MEMBER`, `"420013832", role: MEMBER`},
			[]string{"f.yaml:13:", "$.groupings[0].members[1].finess", "420013832"}},
		{"unknown role", [2]string{"role: SUPPORT", "role: CHEF"},
			[]string{"f.yaml:12:", "$.groupings[0].members[0].role", `"CHEF"`}},
		{"unknown source", [2]string{"    source: s1\n    validFrom", "    source: s2\n    validFrom"},
			[]string{"f.yaml:9:", "$.groupings[0].source", `"s2"`}},
		{"impossible date", [2]string{`"2016-07-01"`, `"2016-02-30"`},
			[]string{"f.yaml:10:", "$.groupings[0].validFrom", "2016-02-30"}},
		{"end before start", [2]string{`role: MEMBER, validFrom: "2017-01-01"`, `role: MEMBER, validFrom: "2017-01-01", validTo: "2016-01-01"`},
			[]string{"f.yaml:13:", "$.groupings[0].members[1].validTo"}},
		{"time share above one", [2]string{"timeShare: 0.5", "timeShare: 1.5"},
			[]string{"f.yaml:24:", "$.conventions[0].teams[0].sites[0].timeShare", "1.5"}},
		{"missing code", [2]string{"  - code: X-CONV\n", "  - \n"},
			[]string{"f.yaml:", "$.conventions[0].code", "required"}},
		{"unknown field", [2]string{"    name: Un GCS", "    nom: Un GCS"},
			[]string{"f.yaml:", "nom"}},
		{"not YAML", [2]string{"groupings:", "groupings: ["},
			[]string{"f.yaml:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := strings.Replace(validFile, tt.replace[0], tt.replace[1], 1)
			if content == validFile {
				t.Fatalf("replacement %q not found", tt.replace[0])
			}
			_, err := Parse("f.yaml", []byte(content))
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
