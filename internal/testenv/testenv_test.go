package testenv

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRootFromSubdirectory(t *testing.T) {
	root, err := Root()
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(root, "go.mod"))
	assert.DirExists(t, Data(t, "upstream", "cainiao"))
	assert.NotEmpty(t, ReadFile(t, "SOURCES.md"))
}

func TestRootOutsideRepository(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := Root()
	assert.ErrorIs(t, err, ErrNoRoot)
	_, err = DataDir("numbers")
	assert.ErrorIs(t, err, ErrNoRoot)
}

func TestEveryFolderHasItsSources(t *testing.T) {
	for _, dir := range []string{"upstream", "aliexpress"} {
		_, err := os.Stat(filepath.Join(Data(t, dir), "SOURCES.md"))
		assert.NoError(t, err, dir)
	}
	assert.FileExists(t, Data(t, "numbers", "tracking_number_data.LICENSE"))
}
