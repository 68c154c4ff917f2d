module github.com/waybill/waybill

go 1.26

require (
	github.com/stretchr/testify v1.12.1
	github.com/syumai/workers v0.33.0
	github.com/tidwall/gjson v1.20.1
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
