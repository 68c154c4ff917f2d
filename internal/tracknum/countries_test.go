package tracknum

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The generated country tables agree with tracking_number_data's S10 lookup.
func TestCountryTables(t *testing.T) {
	require.Equal(t, 0, len(isoCountries)%2)
	assert.Equal(t, 250, len(isoCountries)/2, "ISO 3166-1 (249) and XK")
	for i := 2; i < len(isoCountries); i += 2 {
		assert.Less(t, isoCountries[i-2:i], isoCountries[i:i+2], "sorted")
	}
	b, err := os.ReadFile(filepath.Join(numbersDir(t), "couriers", "s10.json"))
	require.NoError(t, err)
	var s10 struct {
		Types []struct {
			Additional []struct {
				Group  string `json:"regex_group_name"`
				Lookup []struct {
					Matches string `json:"matches"`
					Courier string `json:"courier"`
				} `json:"lookup"`
			} `json:"additional"`
		} `json:"tracking_numbers"`
	}
	require.NoError(t, json.Unmarshal(b, &s10))
	n := 0
	for _, a := range s10.Types[0].Additional {
		if a.Group != "CountryCode" {
			continue
		}
		for _, l := range a.Lookup {
			n++
			assert.Equal(t, l.Matches, isoCountry(l.Matches[0], l.Matches[1]), "ISO code %s", l.Matches)
			assert.Equal(t, l.Courier, postOf(l.Matches[0], l.Matches[1]), l.Matches)
		}
	}
	assert.Equal(t, 191, n)
	assert.Len(t, s10Posts, 191)
	for _, c := range []string{"TW", "MO", "GI", "JE", "GG", "IM", "PR", "GU", "AW", "CW", "NC", "PF", "FO", "GL", "AD", "XK", "PS"} {
		assert.Equal(t, c, isoCountry(c[0], c[1]), "missing from tnd, present here: %s", c)
	}
	for _, c := range []string{"XX", "YP", "YN", "UK", "ZZ", "AA"} {
		assert.Empty(t, isoCountry(c[0], c[1]), c)
	}
}
