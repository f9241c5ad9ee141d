// The whole public API in one include, for bug modules and tools.
#pragma once

#include "locklab/analyses.h"
#include "locklab/annotations.h"
#include "locklab/catalogue.h"
#include "locklab/guards.h"
#include "locklab/mutex.h"
#include "locklab/run_context.h"
#include "locklab/runner.h"
#include "locklab/rwmutex.h"
#include "locklab/site.h"
#include "locklab/trace.h"
#include "locklab/verdict.h"
#include "locklab/work.h"
