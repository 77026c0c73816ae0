package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/maillage/maillage/internal/access"
	"github.com/maillage/maillage/internal/apperr"
	"github.com/maillage/maillage/internal/imports"
)

// importsHandlers are the admins' imports from the app: POST
// /api/imports?format=F&name=N with the file as the body starts one;
// GET /api/imports and /api/imports/{id} say how they go.
func importsHandlers(runner *imports.Runner) (start, list, one http.Handler) {
	admin := func(next http.HandlerFunc) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if p := access.Caller(r.Context()); p.Role != access.RoleAdmin {
				writeImportError(w, http.StatusForbidden, apperr.CodeForbidden, "imports are for admins: sign in with an admin token")
				return
			}
			next(w, r)
		})
	}
	start = admin(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		job, err := runner.Start(q.Get("format"), q.Get("name"), access.Caller(r.Context()).Name, r.Body)
		switch {
		case errors.Is(err, imports.ErrBusy):
			writeImportError(w, http.StatusConflict, apperr.CodeConflict, err.Error())
		case err != nil && job == nil:
			writeImportError(w, http.StatusBadRequest, apperr.CodeBadInput, err.Error())
		case err != nil:
			writeImportError(w, http.StatusBadRequest, apperr.CodeBadRequest, err.Error())
		default:
			writeJSON(w, http.StatusAccepted, job)
		}
	})
	list = admin(func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, runner.Jobs()) })
	one = admin(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		job, ok := runner.Job(id)
		if err != nil || !ok {
			writeImportError(w, http.StatusNotFound, apperr.CodeNotFound, "no import "+r.PathValue("id"))
			return
		}
		writeJSON(w, http.StatusOK, job)
	})
	return start, list, one
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeImportError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, map[string]string{"code": code, "error": message})
}
