package finessplus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// text is a scalar of the file. The 2025 schema of the flow types codes as
// {code, system} objects while the files carry plain strings, so a text
// accepts a string, a number (kept as written), null, or an object whose
// "code" is one of those. Anything else is remembered, not refused, so
// that the error can name its path.
type text struct {
	s   string
	bad string // the kind of JSON value found instead, "" when fine
}

func (t *text) UnmarshalJSON(b []byte) error {
	*t = text{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch c := b[0]; {
	case c == 'n':
		return nil
	case c == '"':
		return json.Unmarshal(b, &t.s)
	case c == '-' || c >= '0' && c <= '9':
		t.s = string(b)
	case c == '{':
		var coding struct {
			Code json.RawMessage `json:"code"`
			Date json.RawMessage `json:"dateEvenement"` // the 2025 schema's dateDerniereMaj
		}
		if err := json.Unmarshal(b, &coding); err != nil {
			return err
		}
		if len(coding.Code) == 0 {
			coding.Code = coding.Date
		}
		if len(coding.Code) == 0 || coding.Code[0] == '{' {
			t.bad = "an object without a code"
			return nil
		}
		if err := t.UnmarshalJSON(coding.Code); err != nil {
			return err
		}
	case c == '[':
		t.bad = "an array"
	default:
		t.bad = "a boolean"
	}
	return nil
}

// value returns the trimmed text, or an error naming path.
func (t text) value(path string) (string, error) {
	if t.bad != "" {
		return "", fmt.Errorf("%s: want a string or a {code, system} object, found %s", path, t.bad)
	}
	return strings.TrimSpace(t.s), nil
}

// The parts of the file this package reads. encoding/json matches keys
// without regard to case, which also covers the spellings of the 2025
// schema (informationsGeneralesPmej, typeGCO, egeDuGCC); its pm_smsseId is
// read besides pmSmsseId.

type rawEvent struct {
	Date  text `json:"dateEvenement"`
	Code  text `json:"codeEvenement"`
	Type1 text `json:"typeObjet1"`
	ID1   text `json:"identifiantObjet1"`
	Type2 text `json:"typeObjet2"`
	ID2   text `json:"identifiantObjet2"`
}

type rawMember struct {
	PMID    text `json:"pmSmsseId"`
	PMIDOld text `json:"pm_smsseId"`
	SiteID  text `json:"egeId"`
	Role    text `json:"typeRoleEntiteGroupe"`
}

type rawGcc struct {
	ID          text            `json:"gccId"`
	Name        text            `json:"nomGcc"`
	Type        text            `json:"typeGcc"`
	ExternalID  text            `json:"gccIdentifiantExterne"`
	State       text            `json:"etatObjet"`
	Events      []rawEvent      `json:"evenement"`
	Engagements []rawEngagement `json:"engagement"`
	PMs         []rawMember     `json:"pmejDuGcc"`
	Sites       []rawMember     `json:"egeDuGcc"`
}

type rawGco struct {
	ID    text `json:"pmSmsseId"`
	IDOld text `json:"pm_smsseId"`
	Type  text `json:"typeGco"`
	// Neither is in the schema of the flow: a gco is a legal entity whose
	// state and events are those of its pmej entry. Read in case a file
	// carries them.
	State  text        `json:"etatObjet"`
	Events []rawEvent  `json:"evenement"`
	PMs    []rawMember `json:"pmejDuGco"`
	Sites  []rawMember `json:"egeDuGco"`
}

type rawPMEJ struct {
	Info struct {
		ID       text `json:"pmSmsseId"`
		IDOld    text `json:"pm_smsseId"`
		Finess   text `json:"numFinessPm"`
		Name     text `json:"denominationPm"`
		LongName text `json:"denominationLonguePmSmsse"`
		Created  text `json:"dateCreation"`
		Closed   text `json:"dateFermeture"`
		State    text `json:"etatObjet"` // 2025 schema only
		SIREN    text `json:"siren"`
		Status   text `json:"statutJuridique"`
		APE      text `json:"codeApe"`
	} `json:"informationsGeneralesPMEJ"`
	State     text         `json:"etatObjet"`
	Updated   text         `json:"dateDerniereMaj"`
	Addresses []rawAddress `json:"adresse"`
	Events    []rawEvent   `json:"evenement"`
	Sites     []rawEGE     `json:"ege"`
}

type rawEGE struct {
	Info struct {
		ID        text `json:"egeId"`
		Finess    text `json:"numFinessEge"`
		ShortName text `json:"nomEgeCourt"`
		LongName  text `json:"nomEgeLong"`
		Opened    text `json:"dateOuverture"`
		Closed    text `json:"dateFermeture"`
		SIRET     text `json:"siret"`
	} `json:"informationsGeneralesEGE"`
	Category  text         `json:"categorieEntiteGeographiqueExercice"`
	SIRET     text         `json:"siret"` // 2025 schema
	State     text         `json:"etatObjet"`
	Updated   text         `json:"dateDerniereMaj"`
	Addresses []rawAddress `json:"adresse"`
	Contacts  []rawContact `json:"contact"`
	Events    []rawEvent   `json:"evenement"`
}

// lineCounter passes the input through and keeps what is needed to turn an
// input offset into a line number: the count of lines before base and the
// bytes since. forget drops what lies before the element being decoded, so
// that memory stays bounded by the largest element of the file.
type lineCounter struct {
	r        io.Reader
	base     int64
	baseLine int
	buf      []byte
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.buf = append(c.buf, p[:n]...)
	return n, err
}

func (c *lineCounter) forget(off int64) {
	k := off - c.base
	if k <= 0 || k > int64(len(c.buf)) {
		return
	}
	c.baseLine += bytes.Count(c.buf[:k], []byte{'\n'})
	c.base = off
	c.buf = append(c.buf[:0], c.buf[k:]...)
}

// line returns the 1-based line of offset off (clamped to what is known).
func (c *lineCounter) line(off int64) int {
	k := min(max(off-c.base, 0), int64(len(c.buf)))
	return c.baseLine + bytes.Count(c.buf[:k], []byte{'\n'}) + 1
}

// from returns the input kept from offset off on.
func (c *lineCounter) from(off int64) []byte {
	return c.buf[min(max(off-c.base, 0), int64(len(c.buf))):]
}

// end is the offset just past the input read so far.
func (c *lineCounter) end() int64 { return c.base + int64(len(c.buf)) }
