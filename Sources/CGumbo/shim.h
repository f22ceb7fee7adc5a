// Google's HTML5 parser, as Debian's libgumbo-dev installs it.
#include <gumbo.h>
