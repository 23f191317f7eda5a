# Nokori: the commands a newcomer needs. `make demo` and `make test` install what they need.
SWIFT ?= swift
BIN_DEBUG = .build/debug/nokori
BIN_RELEASE = .build/release/nokori
DEMO_DB = .build/demo/nokori.db
PREFIX ?= /usr/local

.PHONY: deps build release demo test bench install clean corpus eval

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Scans Corpus/ and prints the findings table and the summary (exit 0 or 3 are both fine here).
demo: build
	@mkdir -p .build/demo
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	NOKORI_KEY_FILE=.build/demo/fingerprint.key $(BIN_DEBUG) scan --db $(DEMO_DB) Corpus || [ $$? -eq 3 ]
	$(BIN_DEBUG) runs --db $(DEMO_DB)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	./scripts/bench.sh

corpus:
	python3 scripts/make-corpus.py
	python3 scripts/make-corpus-catalogue.py
	./scripts/make-corpus-pdf.py
	./scripts/make-corpus-images.py
	./scripts/make-corpus-mail.py

# File-level precision, recall and F1 per category and threshold on Corpus/, and the worst misses.
eval: build
	python3 scripts/eval.py --bin $(BIN_DEBUG)

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/nokori/Patterns
	install -m 0755 $(BIN_RELEASE) $(PREFIX)/bin/nokori
	install -m 0644 Patterns/*.yaml $(PREFIX)/share/nokori/Patterns/

clean:
	rm -rf .build
