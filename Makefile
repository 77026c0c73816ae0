# Maillage — `make run` starts the app on the embedded database with the
# shipped data; `make test` runs every test. `make help` lists the rest.

GO       ?= go
NPM      ?= npm
BIN      := bin/maillage
DB       ?= sqlite://maillage.db
ADDR     ?= :8080
SPA_DIST := server/spa/dist

.DEFAULT_GOAL := help
.PHONY: help run build frontend deps test test-go test-frontend e2e lint generate bench-load clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: build ## build, then serve http://localhost:8080 on $(DB), loading the shipped data on first start
	./$(BIN) serve --db $(DB) --addr $(ADDR)

build: frontend ## build the binary with the web app embedded
	$(GO) build -o $(BIN) ./cmd/maillage

deps: frontend/node_modules/.package-lock.json ## install the npm dependencies (from frontend/package-lock.json)

frontend/node_modules/.package-lock.json: frontend/package-lock.json frontend/package.json
	$(NPM) run install-frontend
	@touch $@

frontend: deps ## build the web app into server/spa/dist
	$(NPM) run build
	find $(SPA_DIST) -mindepth 1 ! -name .keep -delete
	cp -R frontend/dist/. $(SPA_DIST)/

test: lint test-go test-frontend e2e ## every test: Go (SQLite and PostgreSQL), front end, browser

test-go: frontend ## Go tests on a real SQLite file and a throwaway PostgreSQL cluster
	$(GO) test ./...

test-frontend: deps ## front-end unit tests
	$(NPM) test

e2e: build ## the app in headless Chromium against a real server
	scripts/e2e.sh $(BIN)

lint: deps ## gofmt, go vet, eslint, tsc --strict
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(NPM) run lint

generate: ## regenerate ent and gqlgen code after a schema change
	$(GO) generate ./...

bench-load: ## time the load of the shipped data (SQLite and PostgreSQL), 5 runs each
	$(GO) test -run '^$$' -bench Load -benchtime 1x -count 5 ./internal/shipped/

clean: ## remove build outputs
	rm -rf bin frontend/dist
	find $(SPA_DIST) -mindepth 1 ! -name .keep -delete
