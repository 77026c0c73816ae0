// Package coords converts the projected coordinates French registers
// publish (Lambert-93 in metropolitan France, UTM overseas) to WGS84
// longitude and latitude, through PROJ (libproj), the reference
// implementation of these transformations.
package coords

/*
#cgo pkg-config: proj
#include <stdlib.h>
#include <proj.h>
*/
import "C"

import (
	"fmt"
	"math"
	"sync"
	"unsafe"
)

// Systems the registers use, by EPSG code: Lambert-93 and the UTM grids
// of the overseas départements, on their legal datums and on WGS84.
var supported = map[int]string{
	2154:  "RGF93 / Lambert-93",
	5490:  "RGAF09 / UTM 20N (Guadeloupe, Martinique)",
	4559:  "RRAF 1991 / UTM 20N (Antilles, legacy)",
	2972:  "RGFG95 / UTM 22N (Guyane)",
	2975:  "RGR92 / UTM 40S (La Réunion)",
	4471:  "RGM04 / UTM 38S (Mayotte)",
	4467:  "RGSPM06 / UTM 21N (Saint-Pierre-et-Miquelon)",
	32620: "WGS 84 / UTM 20N",
	32621: "WGS 84 / UTM 21N",
	32622: "WGS 84 / UTM 22N",
	32738: "WGS 84 / UTM 38S",
	32740: "WGS 84 / UTM 40S",
}

// Supported reports whether epsg is a system this package converts.
func Supported(epsg int) bool { _, ok := supported[epsg]; return ok }

// transformer is one PROJ transformation. A PJ object must not be used by
// two threads at once, hence the lock.
type transformer struct {
	mu sync.Mutex
	pj *C.PJ
}

var (
	ctxOnce sync.Once
	projCtx *C.PJ_CONTEXT
	cacheMu sync.Mutex
	cache   = map[[2]int]*transformer{}
)

func get(from, to int) (*transformer, error) {
	ctxOnce.Do(func() { projCtx = C.proj_context_create() })
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if t, ok := cache[[2]int{from, to}]; ok {
		return t, nil
	}
	src, dst := C.CString(fmt.Sprintf("EPSG:%d", from)), C.CString(fmt.Sprintf("EPSG:%d", to))
	defer C.free(unsafe.Pointer(src))
	defer C.free(unsafe.Pointer(dst))
	raw := C.proj_create_crs_to_crs(projCtx, src, dst, nil)
	if raw == nil {
		return nil, fmt.Errorf("PROJ cannot transform EPSG:%d to EPSG:%d: %s", from, to, C.GoString(C.proj_context_errno_string(projCtx, C.proj_context_errno(projCtx))))
	}
	// Axis order as GIS software expects: easting/longitude first.
	pj := C.proj_normalize_for_visualization(projCtx, raw)
	C.proj_destroy(raw)
	if pj == nil {
		return nil, fmt.Errorf("PROJ cannot normalise EPSG:%d to EPSG:%d", from, to)
	}
	t := &transformer{pj: pj}
	cache[[2]int{from, to}] = t
	return t, nil
}

func (t *transformer) apply(a, b float64) (float64, float64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := C.proj_trans(t.pj, C.PJ_FWD, C.proj_coord(C.double(a), C.double(b), 0, 0))
	xy := (*[4]C.double)(unsafe.Pointer(&out))
	return float64(xy[0]), float64(xy[1])
}

// ToWGS84 converts easting x and northing y in the EPSG system epsg to
// WGS84 longitude and latitude in degrees.
func ToWGS84(epsg int, x, y float64) (lon, lat float64, err error) {
	if !Supported(epsg) {
		return 0, 0, fmt.Errorf("unsupported coordinate system EPSG:%d", epsg)
	}
	t, err := get(epsg, 4326)
	if err != nil {
		return 0, 0, err
	}
	lon, lat = t.apply(x, y)
	if math.IsInf(lon, 0) || math.IsInf(lat, 0) || math.IsNaN(lon) || math.IsNaN(lat) {
		return 0, 0, fmt.Errorf("EPSG:%d point (%g, %g) has no WGS84 position", epsg, x, y)
	}
	return lon, lat, nil
}

// FromWGS84 converts WGS84 longitude and latitude to the EPSG system
// epsg; it is the inverse of ToWGS84.
func FromWGS84(epsg int, lon, lat float64) (x, y float64, err error) {
	if !Supported(epsg) {
		return 0, 0, fmt.Errorf("unsupported coordinate system EPSG:%d", epsg)
	}
	t, err := get(4326, epsg)
	if err != nil {
		return 0, 0, err
	}
	x, y = t.apply(lon, lat)
	if math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y) {
		return 0, 0, fmt.Errorf("WGS84 point (%g, %g) has no EPSG:%d position", lon, lat, epsg)
	}
	return x, y, nil
}
