// Package spa serves the browser app built from frontend/ (make build
// copies it into dist/), embedded in the binary.
package spa

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed all:dist
var dist embed.FS

// notBuilt answers when the binary was built without the front end.
const notBuilt = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Maillage</title>
<p>L'application web n'est pas incluse dans ce binaire : lancez <code>make build</code>.
L'API GraphQL répond sur <a href="/graphql">/graphql</a>.</p></html>`

// Handler serves the app's files; a page path serves its HTML entry so
// that every view of the app is a shareable URL.
func Handler() http.Handler {
	root, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees dist exists
	}
	files := http.FileServerFS(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			files.ServeHTTP(w, r)
			return
		}
		page := "index.html"
		if r.URL.Path == "/graphiql" || r.URL.Path == "/graphiql/" {
			page = "graphiql.html"
		} else if name := strings.TrimPrefix(r.URL.Path, "/"); name != "" && isFile(root, name) {
			files.ServeHTTP(w, r)
			return
		}
		body, err := fs.ReadFile(root, page)
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(notBuilt))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(body)
	})
}

func isFile(root fs.FS, name string) bool {
	st, err := fs.Stat(root, name)
	return err == nil && !st.IsDir()
}
