#pragma once
// The one way this project includes RapidJSON: valijson's adapter must come before any RapidJSON
// header (it may define RAPIDJSON_ASSERT), so every file includes this instead.
#include <valijson/adapters/rapidjson_adapter.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
