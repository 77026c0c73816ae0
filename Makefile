# Maillage — `make run` starts the app on the embedded database with the
# shipped data; `make test` runs every test. `make help` lists the rest.

GO       ?= go
NPM      ?= npm
BIN      := bin/maillage
DB       ?= sqlite://maillage.db
ADDR     ?= :8080
SPA_DIST := server/spa/dist

.DEFAULT_GOAL := help
.PHONY: help run build release system-deps fuzz frontend deps test test-go test-frontend e2e lint generate bench-load bench-import bench-graph clean bench-peer bench-hostile

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: build ## build, then serve http://localhost:8080 on $(DB), loading the shipped data on first start
	./$(BIN) serve --db $(DB) --addr $(ADDR)

build: frontend ## build the binary with the web app embedded (static: no cgo)
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/maillage

VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT    ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
PLATFORMS ?= linux/amd64 linux/arm64 darwin/arm64 windows/amd64
RELEASE   := dist

release: frontend ## static binaries with the app embedded, version and commit stamped, for $(PLATFORMS), and SHA256SUMS, in dist/
	rm -rf $(RELEASE) && mkdir -p $(RELEASE)
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=$(RELEASE)/maillage-$(VERSION)-$$os-$$arch$$ext; \
		echo "  $$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath \
			-ldflags "-s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)" -o $$out ./cmd/maillage; \
	done
	cd $(RELEASE) && sha256sum maillage-* > SHA256SUMS && cat SHA256SUMS

deps: frontend/node_modules/.package-lock.json ## install the npm dependencies (from frontend/package-lock.json)

frontend/node_modules/.package-lock.json: frontend/package-lock.json frontend/package.json
	$(NPM) run install-frontend
	@touch $@

frontend: deps ## build the web app into server/spa/dist
	$(NPM) run build
	find $(SPA_DIST) -mindepth 1 ! -name .keep -delete
	cp -R frontend/dist/. $(SPA_DIST)/

test: system-deps lint test-go test-frontend e2e ## every test: Go (SQLite and PostgreSQL), front end, browser

system-deps: ## install the Debian packages the tests need (PostgreSQL 15, Chromium), or say the command to run
	scripts/system-deps.sh

test-go: system-deps frontend ## Go tests on a real SQLite file and a throwaway PostgreSQL cluster
	$(GO) test ./...

test-frontend: system-deps deps ## front-end tests: pure logic in Node, hooks and components in Chromium
	$(NPM) test

e2e: system-deps build ## the app in headless Chromium against a real server
	scripts/e2e.sh $(BIN)

lint: deps ## gofmt, go vet, eslint, tsc --strict
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(NPM) run lint

generate: ## regenerate ent and gqlgen code after a schema change
	$(GO) generate ./...

BENCH_DIR := $(or $(TMPDIR),/tmp)/maillage-bench

bench-import: build ## time a national FINESS import and a national FINESS+ structures import, and their no-change re-imports (SQLite and PostgreSQL, 5 runs each), then the command line's peak memory
	mkdir -p $(BENCH_DIR) && rm -f $(BENCH_DIR)/cli.db*
	MAILLAGE_BENCH_EXTRACT_OUT=$(BENCH_DIR)/national.csv MAILLAGE_BENCH_STRUCTURES_OUT=$(BENCH_DIR)/structures.json \
		$(GO) test -run '^$$' -bench 'ImportFiness|ImportStructures' -benchtime 1x -count 5 -timeout 60m ./internal/ingest/
	./$(BIN) migrate --db sqlite://$(BENCH_DIR)/cli.db
	/usr/bin/time -f "command line, full national import: %e s, peak %M KB" ./$(BIN) import finess $(BENCH_DIR)/national.csv --db sqlite://$(BENCH_DIR)/cli.db
	/usr/bin/time -f "command line, no-change re-import: %e s, peak %M KB" ./$(BIN) import finess $(BENCH_DIR)/national.csv --db sqlite://$(BENCH_DIR)/cli.db
	/usr/bin/time -f "command line, FINESS+ structures import: %e s, peak %M KB" ./$(BIN) import structures $(BENCH_DIR)/structures.json --db sqlite://$(BENCH_DIR)/cli.db

FUZZ_N ?= 20000
fuzz: system-deps ## the schema fuzzer at length: $(FUZZ_N) random documents on each database, seeded by the clock (make test runs 600, one seed)
	$(GO) test -run TestSchemaFuzzer -v -timeout 2h ./server/ -args -schemafuzz.n=$(FUZZ_N) -schemafuzz.all -schemafuzz.seed=$$(date +%s)

bench-load: ## time the load of the shipped data (SQLite and PostgreSQL), 5 runs each
	$(GO) test -run '^$$' -bench Load -benchtime 1x -count 5 ./internal/ingest/

clean: ## remove build outputs
	rm -rf bin dist frontend/dist
	find $(SPA_DIST) -mindepth 1 ! -name .keep -delete

bench-graph: build ## the graph engine, response cache off (every request runs), on the shipped data plus the synthetic layer (both databases): index rebuild, each query, a load test (p95), and the server's memory
	@echo "bench-graph: the engine, response cache off: every request runs its query"
	$(GO) test -run '^$$' -bench 'Graph' -count 5 -timeout 30m ./server/
	scripts/bench-serve-memory.sh $(BIN)

bench-hostile: build ## p95 of ordinary lookups (legalEntity, search) alone, then while 20 clients send hostile requests, on the shipped data (SQLite); with the shipped limits, then with rate limits off
	$(GO) run ./bench/hostile -bin $(BIN)

bench-peer: build ## Maillage side by side with PostGraphile on a throwaway PostgreSQL (shipped data + synthetic layer): throughput, latency, SQL statements per request, memory; writes docs/performance.md
	bench/peer/run.sh $(BIN) docs/performance.md
