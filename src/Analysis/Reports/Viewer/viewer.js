// The report's interactive viewer: NiiVue (window.niivue, inlined) showing one entry at a time, a subject (T1 with its
// relevance maps and PVS mask as overlays) or a cohort map. Each entry's volumes are a classic script beside the page
// (viewer/ID.js calling rrViewer.add), because file:// pages may load scripts but not fetch files. The URL's hash
// names the entry, so the report links straight to a subject.
(function () {
  const manifest = JSON.parse(document.getElementById('viewer-manifest').textContent);
  const select = document.getElementById('entry');
  const overlaySelect = document.getElementById('overlay');
  const slider = document.getElementById('threshold');
  const thresholdText = document.getElementById('threshold-value');
  const status = document.getElementById('status');
  const legend = document.getElementById('legend');
  const loaded = {};
  let wanted = null;
  let shown = null;

  const nv = new niivue.Niivue({ backColor: [0, 0, 0, 1], isColorbar: true, crosshairWidth: 1, crosshairColor: [0.3, 0.7, 1, 0.7], loadingText: '' });
  nv.attachTo('gl');
  nv.setSliceType(niivue.SLICE_TYPE.MULTIPLANAR);

  function setStatus(text) { status.textContent = text; window.rrViewer.state = text; }

  for (const entry of manifest.entries) {
    const option = document.createElement('option');
    option.value = entry.id;
    option.textContent = entry.label;
    select.appendChild(option);
  }

  function overlays() { return nv.volumes.filter(function (v) { return v.rrKind === 'relevance'; }); }

  function applyThreshold() {
    const share = Number(slider.value) / 100;
    const chosen = overlaySelect.value;
    for (const volume of overlays()) {
      volume.opacity = volume.rrName === chosen ? 1 : 0;
      volume.colorbarVisible = volume.rrName === chosen;
      volume.cal_max = volume.rrLimit;
      volume.cal_min = share * volume.rrLimit;
    }
    thresholdText.textContent = slider.value + ' % of the limit';
    nv.updateGLVolume();
  }

  async function show(data) {
    shown = data.id;
    setStatus('loading ' + data.label + ' …');
    try {
      while (nv.volumes.length > 0) nv.removeVolume(nv.volumes[nv.volumes.length - 1]);
      overlaySelect.innerHTML = '';
      for (const v of data.volumes) {
        const relevance = v.kind === 'relevance';
        const image = await niivue.NVImage.loadFromBase64({
          base64: v.base64,
          name: v.name,
          colormap: v.kind === 'anatomy' ? 'gray' : relevance ? 'warm' : 'green',
          colormapNegative: relevance ? 'winter' : '',
          opacity: v.kind === 'mask' ? 0.6 : 1,
          cal_min: relevance ? 0 : v.kind === 'mask' ? 0.5 : NaN,
          cal_max: relevance ? v.limit : v.kind === 'mask' ? 1 : NaN,
          colorbarVisible: relevance,
        });
        image.rrKind = v.kind;
        image.rrName = v.name;
        image.rrLimit = v.limit;
        nv.addVolume(image);
        if (relevance) {
          const option = document.createElement('option');
          option.value = v.name;
          option.textContent = v.title;
          overlaySelect.appendChild(option);
        }
      }
      legend.textContent = data.legend;
      applyThreshold();
      setStatus('');
      window.rrViewer.ready = true;
    } catch (error) {
      setStatus('could not show ' + data.label + ': ' + error);
      throw error;
    }
  }

  function request(id) {
    const entry = manifest.entries.find(function (e) { return e.id === id; }) || manifest.entries[0];
    if (!entry) { setStatus('nothing to show: the export wrote no volumes for the viewer'); return; }
    select.value = entry.id;
    wanted = entry.id;
    window.rrViewer.ready = false;
    if (loaded[entry.id]) { show(loaded[entry.id]); return; }
    setStatus('loading ' + entry.label + ' …');
    const script = document.createElement('script');
    script.src = entry.script;
    script.onerror = function () { setStatus('could not load ' + entry.script + ' (is it beside viewer.html?)'); };
    document.body.appendChild(script);
  }

  window.rrViewer = {
    ready: false,
    state: '',
    add: function (data) {
      loaded[data.id] = data;
      if (data.id === wanted) show(data);
    },
    // Pixels of the canvas that are not the black background, read right after a redraw (WebGL clears the buffer
    // once the frame is shown); for checking that the viewer drew something.
    litPixels: function () {
      nv.drawScene();
      const gl = nv.gl;
      const pixels = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
      gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      let lit = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 8 || pixels[i + 1] > 8 || pixels[i + 2] > 8) lit++;
      return lit;
    },
  };

  select.addEventListener('change', function () { location.hash = encodeURIComponent(select.value); });
  overlaySelect.addEventListener('change', applyThreshold);
  slider.addEventListener('input', applyThreshold);
  window.addEventListener('hashchange', function () { request(decodeURIComponent(location.hash.slice(1))); });
  request(decodeURIComponent(location.hash.slice(1)));
})();
