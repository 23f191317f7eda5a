#!/usr/bin/env bash
# Installs the system packages Nokori builds and tests with (Debian 12). The one place
# install steps live: `make deps`, `make demo`, `make test` and .ci/run all call it.
set -euo pipefail

packages=(
  pkg-config
  libvectorscan-dev   # Hyperscan-compatible multi-pattern matcher (pkg-config libhs)
  libsqlite3-dev      # the embedded store (GRDB links the system SQLite)
  libxml2-dev         # XML exports and Office parts (pkg-config libxml-2.0), streamed through SAX
  libarchive-dev      # zip archives and Office packages, read member by member (pkg-config libarchive)
  libpoppler-glib-dev # PDFs: text, metadata, forms, attachments, rendering (pkg-config poppler-glib; pulls in cairo)
  poppler-utils       # pdftotext, the peer in `make bench` for PDF
  python3-cairo       # scripts/make-corpus-pdf.py draws the corpus and bench PDFs with cairo
  fonts-noto-cjk      # the Japanese font those PDFs embed (CID fonts with ToUnicode maps)
  qpdf                # the PDF tests encrypt files with it
  libxml2-utils       # xmllint, the peer in `make bench` for XML
  unzip               # the peer in `make bench` for xlsx
  ripgrep             # the peer in `make bench`
  hyperfine           # timing in `make bench`
  time                # GNU time for peak memory in `make bench`
  python3             # scripts/make-corpus.py and the bench data generator
  chromium            # the evidence bundle's report.html is loaded headless in a test
  libtesseract-dev    # OCR of images and scanned PDF pages (pkg-config tesseract)
  libleptonica-dev    # image decoding, headers, rotation, deskew for OCR (pkg-config lept)
  tesseract-ocr-jpn   # Japanese language data for Tesseract
  tesseract-ocr-eng   # English language data
  tesseract-ocr       # the `tesseract` command, the peer in scripts/bench-ocr.sh
  python3-pil         # scripts/make-corpus-images.py blurs, rotates and JPEG-compresses the corpus images
  libgmime-3.0-dev    # saved e-mails (.eml): MIME parsing and transfer decoding (pkg-config gmime-3.0)
  libyajl-dev         # JSON files, streamed token by token (pkg-config yajl)
  libgsf-1-dev        # Outlook .msg: OLE2 compound files (pkg-config libgsf-1)
  libsmbclient-dev    # smb:// roots read without mounting (header; the library is dlopened)
  samba               # smbd: the SMB tests and bench serve a share on loopback
  smbclient           # smbclient, to check the test share by hand
  samba-ad-dc         # the Kerberos SMB tests run a throw-away AD DC (KDC + smbd) on loopback
  samba-ad-provision  # the AD schema `samba-tool domain provision` needs (only recommended by samba-ad-dc)
  krb5-user           # kinit and klist for those tests (no krb5-config: no debconf realm prompt)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# libhyperscan-dev serves as well as libvectorscan-dev (same header and pkg-config name).
if [[ " ${missing[*]} " == *" libvectorscan-dev "* ]] && pkg-config --exists libhs 2>/dev/null; then
  missing=("${missing[@]/libvectorscan-dev}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if (( ${#missing[@]} > 0 )); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }
