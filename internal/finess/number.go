// Package finess knows the FINESS register: its numbers and, in the
// importer files, its record formats.
package finess

import (
	"errors"
	"fmt"

	"github.com/maillage/maillage/internal/apperr"
)

// ErrFormat and ErrCheckKey classify an invalid FINESS number.
var (
	ErrFormat   = errors.New("not a FINESS number: want 9 characters, digits with 2A/2B for Corsica")
	ErrCheckKey = errors.New("FINESS check key (last character) does not match: Luhn key fails")
)

// NumberError says which number is invalid and why.
type NumberError struct {
	Number string
	Err    error
}

func (e *NumberError) Error() string {
	return fmt.Sprintf("invalid FINESS number %q: %v", e.Number, e.Err)
}
func (e *NumberError) Unwrap() error { return e.Err }

// APICode makes a malformed number the caller's error, on finess.
func (e *NumberError) APICode() (code, field string) { return apperr.CodeBadInput, "finess" }

// CheckFormat checks the shape of a FINESS number: 9 characters, the
// second may be A or B (Corsica, 2A/2B), every other one a digit.
func CheckFormat(n string) error {
	if len(n) != 9 {
		return &NumberError{n, ErrFormat}
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if i == 1 && n[0] == '2' && (c == 'A' || c == 'B') {
			continue
		}
		return &NumberError{n, ErrFormat}
	}
	return nil
}

// Validate checks the format and the Luhn check key. For Corsica the
// letter stands for a digit (A→1, B→2) in the key computation, which every
// Corsican number of the national file satisfies.
func Validate(n string) error {
	if err := CheckFormat(n); err != nil {
		return err
	}
	sum := 0
	for i := 0; i < 9; i++ {
		d := digit(n[8-i])
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	if sum%10 != 0 {
		return &NumberError{n, ErrCheckKey}
	}
	return nil
}

func digit(c byte) int {
	switch c {
	case 'A':
		return 1
	case 'B':
		return 2
	}
	return int(c - '0')
}

// Department returns the INSEE département code a FINESS number is
// numbered in: its first two characters, or overseas "97" and the fourth
// digit (9701… is Guadeloupe, 971). It returns "" for the 98 prefix,
// shared by Mayotte and the Pacific territories.
func Department(n string) string {
	if CheckFormat(n) != nil {
		return ""
	}
	switch n[:2] {
	case "97":
		return n[:2] + n[3:4]
	case "98":
		return ""
	}
	return n[:2]
}
