/* The WebAssembly module's translation unit: everything it exports lives in
 * the library (see BP_EXPORTS in CMakeLists.txt); this file only gives the
 * module a target of its own. */
#include "backprop.h"

typedef int bp_module_unit;
