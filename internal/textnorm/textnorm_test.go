package textnorm

import "testing"

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ST ETIENNE", "saint etienne"},
		{"Saint-Étienne", "saint etienne"},
		{"  saint   etienne ", "saint etienne"},
		{"CH DU FOREZ SITE DE MONTBRISON", "centre hospitalier du forez site de montbrison"},
		{"Centre hospitalier du Forez", "centre hospitalier du forez"},
		{"HOPITAL DE BELLEVUE - CHU42", "hopital de bellevue chu42"},
		{"CHU de Saint-Étienne", "centre hospitalier universitaire de saint etienne"},
		{"L'Haÿ-les-Roses", "l hay les roses"},
		{"Cœur de Loire", "coeur de loire"},
		{"LIEU DE VIE \"MAVOUNA MEMA 1\"", "lieu de vie mavouna mema 1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
