{{/*
Names and labels shared by every template. The release name is the MCP
server's name (the ApplicationSet sets it to the list element's name), so
each object is simply named after its server.
*/}}

{{- define "mcp-server.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The labels a selector may use: they must never change after install. */}}
{{- define "mcp-server.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcp-server.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mcp-server.labels" -}}
{{ include "mcp-server.selectorLabels" . }}
app.kubernetes.io/component: mcp-server
app.kubernetes.io/part-of: cortex
app.kubernetes.io/version: {{ include "mcp-server.tag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "mcp-server.tag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}
