package server

import (
	"reflect"
	"testing"
	"time"
)

// TestUnexportedSettingsAreKept: every unexported setting of a Config
// lives in its settings, which WithConfig keeps whatever the order of
// the options; a field added to Config itself would be reset by it.
func TestUnexportedSettingsAreKept(t *testing.T) {
	configType := reflect.TypeFor[Config]()
	for i := range configType.NumField() {
		if f := configType.Field(i); !f.IsExported() && f.Name != "settings" {
			t.Errorf("Config.%s is unexported outside settings: WithConfig would reset it", f.Name)
		}
	}
	synced := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	set := func(c *Config) {
		c.skipWarm, c.gqlgenPOST = true, true
		c.lastSync = func() *time.Time { return &synced }
		c.fieldsObserver = func(int64) {}
	}
	c := configure([]Option{set, WithConfig(DefaultConfig())})
	if !c.skipWarm || !c.gqlgenPOST || c.lastSync == nil || c.fieldsObserver == nil {
		t.Errorf("WithConfig after the settings reset them: %+v", c.settings)
	}
	if got := c.lastSync(); got == nil || !got.Equal(synced) {
		t.Errorf("last sync %v, want %v", got, synced)
	}
}
