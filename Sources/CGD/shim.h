#include <gd.h>
#include <gdfontl.h>
#include <gdfonts.h>
#include <gdfontmb.h>
#include <gdfontt.h>
#include <gdfontg.h>
#include <fontconfig/fontconfig.h>
