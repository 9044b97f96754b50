/** HTTP: the CDS Hooks endpoints, request validation with exact JSON paths, limits, CORS and the error advice. */
package org.allcds.web;
