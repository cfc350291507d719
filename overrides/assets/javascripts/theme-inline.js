/* Material for MkDocs 9.8.2's inline scripts, as one file of the site.
 *
 * Material writes small inline <script>s (templates/partials/javascripts/*.html).
 * Here they are, copied from 9.8.2, so the Content-Security-Policy can allow
 * script files of the site only ("script-src 'self'", creditsite/csp.py) and
 * no inline script at all: a script that someone slipped into a page never runs.
 * overrides/partials/javascripts/*.html load this file where Material's inline
 * script stood, with the part to run in data-md-part; it runs synchronously
 * there, as the inline script did. One change: Material puts the site root into
 * the script ({{ base_url }}); here the root is derived from this file's own
 * address (assets/javascripts/ is two levels below it), which also holds on
 * file:// in the offline copy. tests/test_safety.py checks every part against
 * the installed Material templates.
 */
(function (script) {
  var root = new URL("../../", script.src);
  var scope = script.getAttribute("data-md-scope");
  switch (script.getAttribute("data-md-part")) {
    case "base":  /* partials/javascripts/base.html; `scope`: config.extra.scope, else the site root */
      __md_scope=new URL(scope||root,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
      break;
    case "content":  /* partials/javascripts/content.html */
      var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
      break;
    case "content.tabs.link":  /* partials/javascripts/content.html, feature "content.tabs.link" */
      var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
      break;
    case "palette":  /* partials/javascripts/palette.html */
      var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
      break;
    case "announce":  /* partials/javascripts/announce.html */
      var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
      break;
    case "outdated":  /* partials/javascripts/outdated.html; `root`: {{ base_url }} */
      var el=document.querySelector("[data-md-component=outdated]"),base=new URL(root),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
      break;
    case "consent":  /* partials/javascripts/consent.html */
      var consent=__md_get("__consent");if(consent)for(var input of document.forms.consent.elements)input.name&&(input.checked=consent[input.name]||!1);else"file:"!==location.protocol&&setTimeout((function(){document.querySelector("[data-md-component=consent]").hidden=!1}),250);var form=document.forms.consent;for(var action of["submit","reset"])form.addEventListener(action,(function(e){if(e.preventDefault(),"reset"===e.type)for(var n of document.forms.consent.elements)n.name&&(n.checked=!1);__md_set("__consent",Object.fromEntries(Array.from(new FormData(form).keys()).map((function(e){return[e,!0]})))),location.hash="",location.reload()}))
      break;
  }
})(document.currentScript);
