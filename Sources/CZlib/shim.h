// zlib, for reading gzip-compressed evaluation pages.
#include <zlib.h>
