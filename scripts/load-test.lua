-- wrk script for scripts/load-test.sh: 512x512 jpgpng exportImage requests in Web Mercator,
-- each for a different random view (zoom 1 to 6, anywhere between 80°S and 80°N), and a
-- count of every answer that is not an image (the server answers errors as JSON with HTTP 200).
-- Environment: SERVICE_PATH (/arcgis/rest/services/<name>/ImageServer), SEED.

local path = os.getenv("SERVICE_PATH") .. "/exportImage"
local half = 20037508.342789244
local maxY = 15538711.096309224 -- 80°N in Web Mercator
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tonumber(os.getenv("SEED") or "1") + id)
  errors = 0
  images = 0
  first_error = ""
end

function request()
  local zoom = math.random(1, 6)
  local width = 2 * half / 2 ^ zoom
  local x = -half + math.random() * (2 * half - width)
  local y = -maxY + math.random() * (2 * maxY - width)
  local query = string.format(
    "bbox=%.3f,%.3f,%.3f,%.3f&bboxSR=3857&imageSR=3857&size=512,512&format=jpgpng&transparent=true&f=image",
    x, y, x + width, y + width)
  return wrk.format("GET", path .. "?" .. query)
end

function response(status, headers, body)
  local kind = headers["Content-Type"] or headers["content-type"] or ""
  if status == 200 and kind:sub(1, 6) == "image/" then
    images = images + 1
  else
    errors = errors + 1
    if first_error == "" then first_error = status .. " " .. kind .. " " .. body:sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local errors, images, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("errors")
    images = images + thread:get("images")
    if first == "" then first = thread:get("first_error") end
  end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("images=%d non_image_answers=%d socket_errors=%d non_2xx=%d\n",
    images, errors, socket, summary.errors.status))
  io.write(string.format("requests_per_second=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  if first ~= "" then io.write("first_error=" .. first .. "\n") end
end
