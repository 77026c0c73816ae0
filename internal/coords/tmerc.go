package coords

import (
	"math"

	"github.com/wroge/wgs84"
)

// transverseMercator is the ellipsoidal Transverse Mercator projection
// with latitude of origin 0 (the UTM case), by Krüger's series to the
// sixth order in n (Karney, "Transverse Mercator with an accuracy of a
// few nanometers", J. Geodesy 85, 2011), the method PROJ and EPSG use.
//
// Why not the library's: github.com/wroge/wgs84 v1.1.7, the pure-Go
// projection library on our module proxy (its v2 is not served), has two
// defects in its Transverse Mercator — an exponent written 3/2 (integer
// division, so 1) and e₁² used where e′² is meant — which put overseas
// sites up to 50 cm off PROJ (TestLibraryTransverseMercatorIsOff). Its Lambert
// Conformal Conic agrees with PROJ and is used as it is.
type transverseMercator struct {
	centralMeridian, scale, falseEasting, falseNorthing float64
}

var _ wgs84.Projection = transverseMercator{}

// krueger holds the series of one ellipsoid: the rectifying radius and
// the coefficients from conformal to projected coordinates and back.
type krueger struct {
	e, radius   float64
	alpha, beta [6]float64
}

func kruegerOf(s wgs84.Spheroid) krueger {
	f := 1 / s.Fi()
	n := f / (2 - f)
	n2 := n * n
	n3 := n2 * n
	n4, n5, n6 := n2*n2, n2*n3, n3*n3
	return krueger{
		e:      math.Sqrt(f * (2 - f)),
		radius: s.A() / (1 + n) * (1 + n2/4 + n4/64 + n6/256),
		alpha: [6]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
			13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
			61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
			49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
			34729*n5/80640 - 3418889*n6/1995840,
			212378941 * n6 / 319334400,
		},
		beta: [6]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
			n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
			17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
			4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
			4583*n5/161280 - 108847*n6/3991680,
			20648693 * n6 / 638668800,
		},
	}
}

// FromLonLat projects longitude and latitude in degrees.
func (p transverseMercator) FromLonLat(lon, lat float64, s wgs84.Spheroid) (east, north float64) {
	k := kruegerOf(s)
	phi := lat * math.Pi / 180
	lambda := (lon - p.centralMeridian) * math.Pi / 180
	// Conformal latitude, as its tangent.
	t := math.Sinh(math.Atanh(math.Sin(phi)) - k.e*math.Atanh(k.e*math.Sin(phi)))
	xi0 := math.Atan2(t, math.Cos(lambda))
	eta0 := math.Atanh(math.Sin(lambda) / math.Sqrt(1+t*t))
	xi, eta := xi0, eta0
	for j, a := range k.alpha {
		m := 2 * float64(j+1)
		xi += a * math.Sin(m*xi0) * math.Cosh(m*eta0)
		eta += a * math.Cos(m*xi0) * math.Sinh(m*eta0)
	}
	return p.falseEasting + p.scale*k.radius*eta, p.falseNorthing + p.scale*k.radius*xi
}

// ToLonLat inverts FromLonLat.
func (p transverseMercator) ToLonLat(east, north float64, s wgs84.Spheroid) (lon, lat float64) {
	k := kruegerOf(s)
	xi := (north - p.falseNorthing) / (p.scale * k.radius)
	eta := (east - p.falseEasting) / (p.scale * k.radius)
	xi0, eta0 := xi, eta
	for j, b := range k.beta {
		m := 2 * float64(j+1)
		xi0 -= b * math.Sin(m*xi) * math.Cosh(m*eta)
		eta0 -= b * math.Cos(m*xi) * math.Sinh(m*eta)
	}
	chi := math.Asin(math.Sin(xi0) / math.Cosh(eta0)) // conformal latitude
	lambda := math.Atan2(math.Sinh(eta0), math.Cos(xi0))
	// Geodetic latitude from conformal latitude: a fixed point that
	// gains a factor e² ≈ 0.0067 per step.
	phi := chi
	for range 12 {
		es := k.e * math.Sin(phi)
		phi = 2*math.Atan(math.Tan(math.Pi/4+chi/2)*math.Pow((1+es)/(1-es), k.e/2)) - math.Pi/2
	}
	return p.centralMeridian + lambda*180/math.Pi, phi * 180 / math.Pi
}
