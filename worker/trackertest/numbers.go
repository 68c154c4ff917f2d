package trackertest

import "strconv"

// S10 makes a UPU S10 number with a valid check digit from a serial
// (0 ≤ serial < 10^8): tests and the bench need many distinct numbers that
// the worker will accept and send upstream. It is written out here, not
// borrowed from internal/tracknum, so it stays an independent check.
func S10(prefix string, serial int, suffix string) string {
	d := []byte(strconv.Itoa(100000000 + serial)[1:])
	weights := [8]int{8, 6, 4, 2, 3, 5, 9, 7}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * weights[i]
	}
	check := 11 - sum%11
	switch check {
	case 10:
		check = 0
	case 11:
		check = 5
	}
	return prefix + string(d) + strconv.Itoa(check) + suffix
}
