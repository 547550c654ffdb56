// The map page: claims with places as clustered markers over offline outlines.
//
// Reads /api/map (a GeoJSON FeatureCollection, one feature per claim and place), puts one
// marker at each place listing its claims, and clusters markers where they are dense. The
// base map is Natural Earth's country outlines, drawn from files in the package, so it works
// offline; the layer control switches to OpenStreetMap tiles for a reader who is online.
// The "Published" slider narrows the markers to claims published in a range of days.
// Stored text goes into the page with textContent only, never as HTML.
(function () {
  "use strict";

  const element = document.getElementById("map");
  if (!element || !window.L || !window.topojson) return;

  const POPUP_CLAIMS = 10; // claims a popup lists before "and N more"
  const count = document.getElementById("map-count");
  const timeline = document.getElementById("timeline");
  const histogram = document.getElementById("histogram");
  const fromInput = document.getElementById("time-from");
  const toInput = document.getElementById("time-to");
  const rangeLabel = document.getElementById("time-range");

  const map = L.map(element, { minZoom: 2, maxZoom: 18, worldCopyJump: true }).setView([50, 30], 3);
  const outlines = L.layerGroup().addTo(map);
  const tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  });
  const regions = L.layerGroup().addTo(map);
  const claims = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false }).addTo(map);
  L.control
    .layers(
      { "Outlines (offline)": outlines, "OpenStreetMap tiles (online)": tiles },
      { "Region outlines": regions, Claims: claims },
      { collapsed: false },
    )
    .addTo(map);

  const RUSSIA = "643"; // ISO 3166-1 numeric, world-atlas's feature id
  const COUNTRY_STYLE = {
    interactive: false,
    attribution: '<a href="https://www.naturalearthdata.com/">Natural Earth</a>',
    style: { color: "#8a96a3", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
  };
  let places = [];
  let days = [];

  fetchJson(element.dataset.outlines).then((topology) => {
    const countries = topojson.feature(topology, topology.objects.countries);
    const russia = countries.features.filter((feature) => feature.id === RUSSIA);
    const others = countries.features.filter((feature) => feature.id !== RUSSIA);
    L.geoJSON({ type: "FeatureCollection", features: russia }, { ...COUNTRY_STYLE, coordsToLatLng: eastOfAntimeridian }).addTo(outlines);
    L.geoJSON({ type: "FeatureCollection", features: others }, COUNTRY_STYLE).addTo(outlines);
  });

  // Chukotka crosses 180°: Russia's points west of it move east, or its outline would span the map.
  function eastOfAntimeridian([lon, lat]) {
    return L.latLng(lat, lon < 0 ? lon + 360 : lon);
  }

  fetchJson(element.dataset.api)
    .then((collection) => {
      places = groupByPlace(collection.features);
      days = [...new Set(places.flatMap((place) => place.claims.map((claim) => claim.day)).filter(Boolean))].sort();
      drawRegions(collection.features);
      setUpTimeline();
      draw();
      if (claims.getLayers().length) map.fitBounds(claims.getBounds(), { maxZoom: 6, padding: [20, 20] });
      count.textContent = describeSelection(collection);
    })
    .catch((error) => {
      count.textContent = String(error.message || error);
      count.className = "error";
    });

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then((response) =>
      response.json().then((body) => {
        if (!response.ok) throw new Error(body.error || response.statusText);
        return body;
      }),
    );
  }

  // One entry per place (a point and its name), with the distinct claims made there.
  function groupByPlace(features) {
    const byKey = new Map();
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates;
      const properties = feature.properties;
      const key = [lat, lon, properties.place].join("|");
      if (!byKey.has(key)) byKey.set(key, { lat, lon, name: properties.place, country: properties.country, claims: [], seen: new Set() });
      const place = byKey.get(key);
      if (place.seen.has(properties.claim)) continue;
      place.seen.add(properties.claim);
      place.claims.push({ ...properties, day: properties.published ? properties.published.slice(0, 10) : null });
    }
    return [...byKey.values()];
  }

  // Admin-1 outlines for the countries on the map that the package has them for.
  function drawRegions(features) {
    const available = new Set(JSON.parse(element.dataset.regions));
    const countries = new Set(features.map((feature) => feature.properties.country).filter((code) => available.has(code)));
    for (const code of countries) {
      fetchJson(`/static/vendor/regions/${code}.json`).then((topology) => {
        L.geoJSON(topojson.feature(topology, topology.objects.regions), {
          interactive: false,
          coordsToLatLng: code === "RU" ? eastOfAntimeridian : L.GeoJSON.coordsToLatLng,
          style: { color: "#aab4be", weight: 0.7, dashArray: "3 3", fill: false },
        }).addTo(regions);
      });
    }
  }

  function setUpTimeline() {
    if (!days.length) return;
    timeline.hidden = false;
    for (const input of [fromInput, toInput]) {
      input.max = String(days.length - 1);
      input.addEventListener("input", draw);
    }
    toInput.value = String(days.length - 1);
    const perDay = new Map(days.map((day) => [day, new Set()]));
    for (const place of places) for (const claim of place.claims) if (claim.day) perDay.get(claim.day).add(claim.claim);
    const most = Math.max(...[...perDay.values()].map((ids) => ids.size));
    days.forEach((day, index) => {
      const bar = document.createElement("button");
      bar.type = "button";
      bar.className = "bar";
      bar.title = `${day}: ${perDay.get(day).size} claims`;
      bar.style.height = `${Math.max(4, (100 * perDay.get(day).size) / most)}%`;
      bar.addEventListener("click", () => {
        fromInput.value = toInput.value = String(index);
        draw();
      });
      histogram.append(bar);
    });
  }

  // The markers for the claims published in the slider's range (all of them, undated ones
  // included, while the range is whole).
  function draw() {
    let from = Number(fromInput.value);
    let to = Number(toInput.value);
    if (from > to) [from, to] = [to, from];
    const whole = !days.length || (from === 0 && to === days.length - 1);
    const markers = [];
    const shown = new Set();
    for (const place of places) {
      const inRange = place.claims.filter((claim) => (claim.day ? claim.day >= days[from] && claim.day <= days[to] : whole));
      if (!inRange.length) continue;
      const marker = L.marker([place.lat, place.lon], { title: place.name, claimCount: inRange.length });
      marker.bindPopup(() => popup(place, inRange), { maxWidth: 420 });
      markers.push(marker);
      inRange.forEach((claim) => shown.add(claim.claim));
    }
    claims.clearLayers();
    claims.addLayers(markers);
    element.dataset.markers = String(markers.length);
    if (days.length) {
      [...histogram.children].forEach((bar, index) => bar.classList.toggle("out", index < from || index > to));
      rangeLabel.textContent = `${days[from]} to ${days[to]}: ${shown.size} claims at ${markers.length} places`;
    }
  }

  function popup(place, rows) {
    const box = document.createElement("div");
    box.className = "map-popup";
    const title = document.createElement("strong");
    title.textContent = place.country ? `${place.name} (${place.country})` : place.name;
    const list = document.createElement("ul");
    for (const claim of rows.slice(0, POPUP_CLAIMS)) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/claims/${encodeURIComponent(claim.claim)}`;
      link.textContent = claim.text;
      const who = document.createElement("span");
      who.className = "sub";
      who.textContent = ` — ${claim.source}${claim.day ? ", " + claim.day : ""}`;
      item.append(link, who);
      list.append(item);
    }
    box.append(title, list);
    if (rows.length > POPUP_CLAIMS) {
      const more = document.createElement("p");
      more.textContent = `and ${rows.length - POPUP_CLAIMS} more`;
      box.append(more);
    }
    // The claims page with the map's filters and this place (which also finds places inside it).
    const url = new URL(element.dataset.claims, window.location.origin);
    url.searchParams.set("place", place.name);
    const all = document.createElement("a");
    all.href = url.pathname + url.search;
    all.textContent = `Claims page filtered by ${place.name} →`;
    box.append(all);
    return box;
  }

  function clusterIcon(cluster) {
    const total = cluster.getAllChildMarkers().reduce((sum, marker) => sum + marker.options.claimCount, 0);
    const size = total < 10 ? "small" : total < 100 ? "medium" : "large";
    const icon = document.createElement("div");
    const label = document.createElement("span");
    label.textContent = String(total);
    icon.append(label);
    return L.divIcon({ html: icon, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
  }

  function describeSelection(collection) {
    const parts = [`${collection.mapped} of the ${collection.total} matching claims have a place on the map`];
    if (collection.total > collection.limit) parts.push(`only the first ${collection.limit} were loaded: narrow the filters to see the rest`);
    return parts.join("; ") + ".";
  }
})();
