// Hyperscan and Vectorscan install the same header and pkg-config name (libhs).
#include <hs/hs.h>
