// libarchive reads the zip containers (zip files, xlsx/docx/pptx) from Nokori's own byte
// sources, through read/seek callbacks, so nothing is ever extracted to disk.
#include <archive.h>
#include <archive_entry.h>
